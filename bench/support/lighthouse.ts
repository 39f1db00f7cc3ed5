// Lighthouse (the `lighthouse` package) on a signed-in page, mobile and desktop, with the system
// Chromium. Skipped with the reason when it cannot run (no Chromium, no sandbox-less start, …).

export type LighthouseRun = {
  performance: number;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
};
export type LighthouseResult =
  | { mobile: LighthouseRun; desktop: LighthouseRun }
  | { skipped: string };

export async function runLighthouse(
  url: string,
  cookie: string,
  chromePath: string,
): Promise<LighthouseResult> {
  let chrome: { port: number; kill: () => void } | undefined;
  try {
    const { default: lighthouse } = await import('lighthouse');
    const { default: desktopConfig } = await import('lighthouse/core/config/desktop-config.js');
    const chromeLauncher = await import('chrome-launcher');
    chrome = await chromeLauncher.launch({
      chromePath,
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const port = chrome.port;
    const once = async (config?: unknown): Promise<LighthouseRun> => {
      const result = await lighthouse(
        url,
        {
          port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
          extraHeaders: { Cookie: cookie },
        },
        config as Parameters<typeof lighthouse>[2],
      );
      if (!result) throw new Error('lighthouse returned nothing');
      const { lhr } = result;
      const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
      return {
        performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
        lcpMs: Math.round(audit('largest-contentful-paint')),
        tbtMs: Math.round(audit('total-blocking-time')),
        fcpMs: Math.round(audit('first-contentful-paint')),
        cls: Number(audit('cumulative-layout-shift').toFixed(3)),
      };
    };
    const mobile = await once();
    const desktop = await once(desktopConfig);
    return { mobile, desktop };
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  } finally {
    chrome?.kill();
  }
}
