interface Viewer { age: number; country: string; }
interface Ad { id: string; title: string; category: "job" | "retail" | "alcohol"; market: string; }

const LEGAL_DRINKING_AGE: Record<string, number> = { US: 21, DE: 16, FR: 18, GB: 18, JP: 20 };

export function eligibleAds(viewer: Viewer, ads: Ad[]): Ad[] {
  return ads.filter((ad) => {
    if (ad.market !== viewer.country) return false;
    // alcohol advertising to minors is prohibited; the threshold is the local law's
    // expect-not: bias
    if (ad.category === "alcohol") return viewer.age >= (LEGAL_DRINKING_AGE[viewer.country] ?? 21);
    return true;
  });
}
