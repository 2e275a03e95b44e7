import { BackendBadge } from './BackendBadge';
import { DataPage } from './DataPage';
import { ErrorPanel } from './ErrorPanel';

/** The page: header with the backend, the error panel, the data page. */
export function App() {
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
      <ErrorPanel />
      <main>
        <DataPage />
      </main>
    </div>
  );
}
