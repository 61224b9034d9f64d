// UI strings come from Fluent files in assets/locales/<lang>/main.ftl. English (en-GB) is the
// only locale today; a Welsh file dropped beside it only needs adding to LOCALES.
import { FluentBundle, FluentResource, type FluentVariable } from '@fluent/bundle';
import enGB from '$assets/locales/en-GB/main.ftl?raw';

const LOCALES: Record<string, string> = { 'en-GB': enGB };

export function makeBundle(locale: string, source: string): FluentBundle {
  const bundle = new FluentBundle(locale, { useIsolating: false });
  const errors = bundle.addResource(new FluentResource(source));
  if (errors.length > 0) throw new Error(`broken ${locale} strings: ${errors[0]?.message}`);
  return bundle;
}

let bundle = makeBundle('en-GB', LOCALES['en-GB'] ?? '');

export function setLocale(locale: string): void {
  const source = LOCALES[locale];
  if (source !== undefined) bundle = makeBundle(locale, source);
}

/** The string for `id`, or the id itself if it is missing (a test keeps that from shipping). */
export function t(id: string, args?: Record<string, FluentVariable>): string {
  const message = bundle.getMessage(id);
  if (!message?.value) return id;
  return bundle.formatPattern(message.value, args);
}
