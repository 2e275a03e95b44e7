import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState } from '../state/store';

/** The page's store; tests render components with their own. */
export const StoreContext = createContext<StoreApi<AppState> | null>(null);

/** Returns the store itself, for calling actions. */
export function useStoreApi(): StoreApi<AppState> {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStoreApi: no StoreContext.Provider above');
  return store;
}

/** Subscribes to a narrow slice of the store. */
export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}
