import { describe, expect, it } from 'vitest';
import { parseUserAgent } from '../src/lib/user-agent';

/** Device fields of activity logs, parsed from User-Agent headers (KID-03). */
describe('parseUserAgent', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      { deviceName: 'Safari', deviceModel: 'iPhone', os: 'iOS 17.2' },
    ],
    [
      'Mozilla/5.0 (iPad; CPU OS 16_6_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
      { deviceName: 'Chrome', deviceModel: 'iPad', os: 'iOS 16.6.1' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 14; Pixel 8 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36',
      { deviceName: 'Chrome', deviceModel: 'Pixel 8 Pro', os: 'Android 14' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; SM-S918B Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36',
      { deviceName: 'Chrome', deviceModel: 'SM-S918B', os: 'Android 13' },
    ],
    [
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36',
      { deviceName: 'Samsung Internet', deviceModel: null, os: 'Android 10' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      { deviceName: 'Edge', deviceModel: null, os: 'Windows 10' },
    ],
    [
      'Mozilla/5.0 (Windows NT 6.1; rv:109.0) Gecko/20100101 Firefox/115.0',
      { deviceName: 'Firefox', deviceModel: null, os: 'Windows 7' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
      { deviceName: 'Safari', deviceModel: 'Mac', os: 'macOS 10.15.7' },
    ],
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/105.0.0.0',
      { deviceName: 'Opera', deviceModel: null, os: 'Linux' },
    ],
    [
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
      { deviceName: 'Chrome', deviceModel: null, os: 'ChromeOS' },
    ],
    ['Storytime/45 CFNetwork/1474 Darwin/23.0.0', { deviceName: 'Storytime', deviceModel: null, os: 'iOS' }],
    ['okhttp/4.12.0', { deviceName: 'okhttp', deviceModel: null, os: null }],
    ['Dart/3.2 (dart:io)', { deviceName: 'Dart', deviceModel: null, os: null }],
    ['curl/8.4.0', { deviceName: 'curl', deviceModel: null, os: null }],
  ])('%s', (header, expected) => {
    expect(parseUserAgent(header)).toEqual(expected);
  });

  it('answers nulls for a missing, empty or unrecognisable header', () => {
    const none = { deviceName: null, deviceModel: null, os: null };
    expect(parseUserAgent(undefined)).toEqual(none);
    expect(parseUserAgent(null)).toEqual(none);
    expect(parseUserAgent('   ')).toEqual(none);
    expect(parseUserAgent('???')).toEqual(none);
  });

  it('stays fast and bounded on a huge hostile header', () => {
    const header = `Mozilla/5.0 (${'a;'.repeat(100_000)}) Version/1 ${'Safari/'.repeat(10_000)}`;
    const started = performance.now();
    const info = parseUserAgent(header);
    expect(performance.now() - started).toBeLessThan(50);
    expect(info.os).toBeNull();
  });
});
