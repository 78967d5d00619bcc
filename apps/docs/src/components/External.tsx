import type { ReactNode } from 'react';
import { EXTERNAL_LINKS, type ExternalLinkName } from '../links.ts';

/** A link to another site, by its name in src/links.ts: `<External to="myApps">My apps</External>`. */
export function External({ to, children }: { to: ExternalLinkName; children: ReactNode }) {
  return (
    <a href={EXTERNAL_LINKS[to]} rel="noopener noreferrer" className="external" data-external={to}>
      {children}
    </a>
  );
}
