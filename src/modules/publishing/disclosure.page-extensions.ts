/**
 * What other modules add to the public page of a disclosure without publishing depending on them: a section
 * under the content (interaction: 对此有疑问, the questions it had and their published answers) and a link on
 * every line of a finance statement or recipient list. Registered by name (a module registers once per app
 * build; the same name replaces the earlier entry).
 */
import type { ReactElement } from 'react';
import type { AppContext } from '../../platform/context.ts';
import type { PublicDisclosure } from './disclosure.queries.ts';

export interface DisclosurePageExtension {
  name: string;
  /** A section shown after the record's content; reads only (a GET never writes). */
  section?(ctx: AppContext, d: PublicDisclosure): Promise<ReactElement | null>;
  /** A link offered on line `line` (0-based) of the record's finance statement or recipient list. */
  lineLink?(d: PublicDisclosure, kind: 'finance' | 'recipients', line: number): { href: string; label: string } | null;
}

const extensions = new Map<string, DisclosurePageExtension>();

export function registerDisclosurePageExtension(ext: DisclosurePageExtension): void {
  extensions.set(ext.name, ext);
}

export async function disclosurePageSections(ctx: AppContext, d: PublicDisclosure): Promise<ReactElement[]> {
  const out: ReactElement[] = [];
  for (const e of extensions.values()) {
    const el = e.section ? await e.section(ctx, d) : null;
    if (el) out.push(el);
  }
  return out;
}

export function disclosureLineLink(
  d: PublicDisclosure,
): ((kind: 'finance' | 'recipients', line: number) => { href: string; label: string } | null) | undefined {
  const withLinks = [...extensions.values()].filter((e) => e.lineLink);
  if (!withLinks.length) return undefined;
  return (kind, line) => {
    for (const e of withLinks) {
      const l = e.lineLink!(d, kind, line);
      if (l) return l;
    }
    return null;
  };
}
