import { useHashSubpath } from '../../app/use-hash-route.ts';
import '../records/records.css';
import { ItemPage } from './ItemPage.tsx';
import { ItemsList } from './ItemsList.tsx';
import './items.css';

/** The Items area: `#/items` lists items of every kind, `#/items/<id>` shows one. */
export function ItemsPage() {
  const [id] = useHashSubpath();
  if (id === undefined) return <ItemsList />;
  return <ItemPage key={id} id={id} />;
}
