/** providers.md §1.5: the cover is a URL built from a template, stored and never fetched by us. */
export const DEFAULT_COVER_IMAGE_URL_TEMPLATE =
  'https://image.pollinations.ai/prompt/{prompt}?width=1024&height=1024&model=flux&nologo=true&seed={seed}';

export interface CoverImageInput {
  title: string;
  description: string;
  /** `COVER_IMAGE_URL_TEMPLATE`; undefined → the default template, empty → the default cover. */
  template?: string | undefined;
  /** `PUBLIC_MEDIA_BASE_URL`, for the default cover. */
  publicMediaBaseUrl: string;
  /** The story came from the offline storyteller: no remote image service is assumed. */
  offline?: boolean;
  random?: () => number;
}

export function defaultCoverUrl(publicMediaBaseUrl: string): string {
  return `${publicMediaBaseUrl.replace(/\/+$/, '')}/media/defaults/cover.png`;
}

export function coverImageUrl(input: CoverImageInput): string {
  const template = input.template ?? DEFAULT_COVER_IMAGE_URL_TEMPLATE;
  if (input.offline || !template.trim()) return defaultCoverUrl(input.publicMediaBaseUrl);
  const prompt = encodeURIComponent(
    `Children's storybook illustration: ${input.title}. ${input.description}`,
  );
  const seed = Math.floor((input.random ?? Math.random)() * 2_147_483_647);
  return template.replaceAll('{prompt}', prompt).replaceAll('{seed}', String(seed));
}
