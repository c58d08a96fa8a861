const key = "nudge.installKnown";

/** Whether this browser has seen a set-up server (then the welcome page opens on sign-in). */
export function installKnown(): boolean {
  try {
    return localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
}

export function rememberInstall(): void {
  try {
    localStorage.setItem(key, "1");
  } catch {
    // Private mode: the welcome page will offer setup again, and a 409 will switch to sign-in.
  }
}
