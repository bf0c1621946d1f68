import { expect, test } from '@playwright/test';

// Every other spec runs against the same preview server, so the three engines (wllama generating, the OpenAI
// engine streaming from a local server, web-llm's worker and catalog) are exercised under this policy too.

test('the app is served with a strict Content-Security-Policy, nosniff and no referrer', async ({ page }) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  const policy = headers['content-security-policy'] ?? '';
  for (const directive of ["script-src 'self' 'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  // The built page carries the policy itself, for hosts that cannot send headers.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', /object-src 'none'/);
});

test('an injected inline script and an event-handler attribute are blocked by the policy itself', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('tab', { name: 'Generate' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const flags = window as unknown as Record<string, unknown>;
    // Written straight into the DOM, past React's escaping, as a bug or a hostile page would.
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(script);
    const holder = document.createElement('div');
    holder.innerHTML = '<img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true" onerror="window.__handlerRan = true">';
    document.body.appendChild(holder);
    const base = document.createElement('base');
    base.href = 'https://attacker.example/';
    document.head.appendChild(base);
    // Violation reports arrive as tasks: wait for the three, not for a fixed time.
    for (let i = 0; i < 100 && violations.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    return { inline: flags.__inlineRan === true, handler: flags.__handlerRan === true, baseURI: document.baseURI, violations };
  });
  expect(outcome.inline).toBe(false);
  expect(outcome.handler).toBe(false);
  expect(outcome.baseURI).not.toContain('attacker.example');
  expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr', 'base-uri']));
});
