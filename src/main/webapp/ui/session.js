// The API key of the signed-in user. It lives in this tab's sessionStorage only: never in the URL, a cookie,
// localStorage or the console log. It is forgotten on sign-out, on a 401, and when the tab closes.

const KEY = 'issuehooks.apiKey';

export function apiKey() {
    try {
        return sessionStorage.getItem(KEY);
    } catch {
        return null;
    }
}

export function signIn(key) {
    sessionStorage.setItem(KEY, key);
}

export function signOut() {
    try {
        sessionStorage.removeItem(KEY);
    } catch {
        // storage unavailable: nothing was stored
    }
}

/** What the console shows of a key: its first 12 characters, as the API's keyPrefix does. */
export function keyPrefix(key) {
    return key ? key.slice(0, 12) + '…' : '';
}
