import type { ComponentType } from 'react';
import { DataPage } from './DataPage';
import { FineTunePage } from './FineTunePage';
import { ModelsPage } from './ModelsPage';
import { ExplorePage } from './ExplorePage';
import { ComparePage } from './ComparePage';

/** A page of the app, reached at `#id`. */
export interface PageEntry {
  id: string;
  title: string;
  component: ComponentType;
}

/** The pages in navigation order; the first is the default. */
export const PAGES: PageEntry[] = [
  { id: 'data', title: 'Data', component: DataPage },
  { id: 'finetune', title: 'Fine-tune', component: FineTunePage },
  { id: 'explore', title: 'Explore', component: ExplorePage },
  { id: 'compare', title: 'Compare', component: ComparePage },
  { id: 'models', title: 'Models', component: ModelsPage },
];

/** Returns the page id in a location hash such as "#explore". */
export function pageFromHash(hash: string): string {
  const id = hash.replace(/^#/, '').split('?')[0] ?? '';
  return PAGES.some((p) => p.id === id) ? id : PAGES[0]!.id;
}
