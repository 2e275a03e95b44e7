import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { restoreSavedSets, startEngine } from './state/actions';
import { loadStartupModels } from './state/modelActions';
import { reportInterruptedImports } from './state/interruptedImports';
import { reportInterruptedTraining } from './state/trainingActions';
import { restoreLastTraining } from './state/savedTraining';
import { createAppStore } from './state/store';
import { StoreContext } from './ui/storeContext';
import { installTestHook } from './ui/testHook';
import './ui/styles.css';

const store = createAppStore();
installTestHook(store);
void startEngine(store).then(() => loadStartupModels(store));
void restoreSavedSets(store);
restoreLastTraining(store);
reportInterruptedTraining(store);
reportInterruptedImports(store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
