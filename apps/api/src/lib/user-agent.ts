/**
 * Device facts for activity logs (KID-03 `ACCESS_KID_ACCOUNT`), read from a User-Agent header.
 * Deliberately small: the OS with its version, the device model where the header names one, and the
 * browser or app that sent the request. Anything unrecognised is null, never a guess.
 */

export interface DeviceInfo {
  /** Browser or app, e.g. `Chrome`, `Safari`, `Storytime`. */
  deviceName: string | null;
  /** e.g. `iPhone`, `iPad`, `Pixel 8 Pro`, `SM-S918B`, `Mac`. */
  deviceModel: string | null;
  /** e.g. `iOS 17.2`, `Android 14`, `Windows 10`, `macOS 10.15.7`, `Linux`. */
  os: string | null;
}

/** Longer headers are cut before matching, so a hostile header costs nothing. */
const MAX_LENGTH = 512;

const WINDOWS_VERSIONS: Record<string, string> = {
  '10.0': '10',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.1': 'XP',
};

const dotted = (version: string) => version.replace(/_/g, '.');

function parseOs(ua: string): { os: string | null; model: string | null } {
  let match = ua.match(/\b(iPhone|iPad|iPod)\b/);
  if (match) {
    const version = ua.match(/\bOS (\d+(?:[._]\d+)*) like Mac OS X/);
    return { os: version?.[1] ? `iOS ${dotted(version[1])}` : 'iOS', model: match[1] ?? null };
  }
  match = ua.match(/\bAndroid(?:[ /](\d+(?:\.\d+)*))?/);
  if (match) {
    // `(Linux; Android 14; Pixel 8 Pro Build/UD1A…; wv)`: the model is the segment after the version.
    const segments =
      ua
        .match(/\(([^)]*)\)/)?.[1]
        ?.split(';')
        .map((part) => part.trim()) ?? [];
    const at = segments.findIndex((part) => part.startsWith('Android'));
    const rawModel = at >= 0 ? segments[at + 1] : undefined;
    const model = rawModel?.replace(/\s*Build\/.*$/, '').trim();
    return {
      os: match[1] ? `Android ${match[1]}` : 'Android',
      model: model && model !== 'wv' && model !== 'K' ? model : null,
    };
  }
  match = ua.match(/\bWindows NT (\d+\.\d+)/);
  if (match?.[1]) return { os: `Windows ${WINDOWS_VERSIONS[match[1]] ?? match[1]}`, model: null };
  if (/\bWindows\b/.test(ua)) return { os: 'Windows', model: null };
  match = ua.match(/\bMac OS X (\d+(?:[._]\d+)*)/);
  if (match?.[1]) return { os: `macOS ${dotted(match[1])}`, model: 'Mac' };
  if (/\bMacintosh\b/.test(ua)) return { os: 'macOS', model: 'Mac' };
  if (/\bCrOS\b/.test(ua)) return { os: 'ChromeOS', model: null };
  // Native iOS apps through CFNetwork: `Storytime/45 CFNetwork/1474 Darwin/23.0.0`.
  if (/\bCFNetwork\//.test(ua)) return { os: 'iOS', model: null };
  if (/\bLinux\b/.test(ua)) return { os: 'Linux', model: null };
  return { os: null, model: null };
}

/** Order matters: Edge and Opera also say Chrome, Chrome also says Safari. */
const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
];

function parseName(ua: string): string | null {
  if (/^Mozilla\//.test(ua)) {
    for (const [pattern, name] of BROWSERS) if (pattern.test(ua)) return name;
    // Web views of the mobile apps carry no browser token.
    return /\bwv\b|\bMobile\//.test(ua) ? 'WebView' : null;
  }
  // Apps and HTTP clients lead with their own product token: `Storytime/2.3.1`, `okhttp/4.12.0`, `Dart/3.2`.
  const product = ua.match(/^([A-Za-z][\w.-]{0,49})\//)?.[1];
  return product ?? null;
}

export function parseUserAgent(header: string | null | undefined): DeviceInfo {
  const ua = header?.slice(0, MAX_LENGTH).trim() ?? '';
  if (!ua) return { deviceName: null, deviceModel: null, os: null };
  const { os, model } = parseOs(ua);
  return { deviceName: parseName(ua), deviceModel: model, os };
}
