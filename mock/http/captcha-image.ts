// Renders a captcha text as a PNG: svg-captcha draws the glyphs as SVG paths, resvg rasterises them.
// Both load lazily on the first image so startup stays fast.

type SvgCaptcha = (text: string, options: Record<string, unknown>) => string;
type ResvgCtor = new (svg: string, opts: Record<string, unknown>) => { render(): { asPng(): Buffer } };

let loaded: Promise<{ draw: SvgCaptcha; Resvg: ResvgCtor }> | null = null;

function load() {
  loaded ??= (async () => {
    const svg = (await import('svg-captcha')) as unknown as { default: SvgCaptcha };
    const resvg = (await import('@resvg/resvg-js')) as unknown as { Resvg: ResvgCtor };
    return { draw: svg.default, Resvg: resvg.Resvg };
  })();
  return loaded;
}

export const CAPTCHA_WIDTH = 120;
export const CAPTCHA_HEIGHT = 40;

/** A 120x40 PNG showing `text` legibly (light noise, dark glyphs on a light background). */
export async function renderCaptchaPng(text: string): Promise<Buffer> {
  const { draw, Resvg } = await load();
  // no `background` for svg-captcha: it would switch to random colours, some too light to read; its greys for
  // glyphs run #111..#444, and resvg paints the light background instead
  const svg = draw(text, { width: CAPTCHA_WIDTH, height: CAPTCHA_HEIGHT, fontSize: 44, noise: 2, color: false });
  return new Resvg(svg, { fitTo: { mode: 'original' }, background: '#f2f4f7', font: { loadSystemFonts: false } }).render().asPng();
}
