// Remembers an interface preference for a year. Not a secret: readable by script on purpose.
export function setPreferenceCookie(name, value) {
    const secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${encodeURIComponent(name)}=${encodeURIComponent(value)}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`;
}
