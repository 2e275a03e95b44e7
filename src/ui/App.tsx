import { useEffect, useState } from 'react';
import { BackendBadge } from './BackendBadge';
import { ErrorPanel } from './ErrorPanel';
import { PAGES, pageFromHash } from './pages';

/** The page: header with the backend and navigation, errors, one page. */
export function App() {
  const [pageId, setPageId] = useState(() => pageFromHash(location.hash));

  useEffect(() => {
    const onHashChange = () => setPageId(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  const page = PAGES.find((p) => p.id === pageId) ?? PAGES[0]!;
  const Page = page.component;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          EventLens
          <span className="tagline">
            a pretrained collider-event network, in your browser
          </span>
        </h1>
        <BackendBadge />
      </header>
      <nav className="app-nav">
        {PAGES.map((p) => (
          <a
            key={p.id}
            href={`#${p.id}`}
            className={p.id === page.id ? 'active' : undefined}
            data-testid={`nav.${p.id}`}
          >
            {p.title}
          </a>
        ))}
      </nav>
      <ErrorPanel />
      <main>
        <Page />
      </main>
    </div>
  );
}
