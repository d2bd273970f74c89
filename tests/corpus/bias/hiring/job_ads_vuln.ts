interface Viewer { age: number; country: string; nationality: string; }
interface Ad { id: string; title: string; category: "job" | "retail"; }

export function eligibleAds(viewer: Viewer, ads: Ad[]): Ad[] {
  return ads.filter((ad) => {
    if (ad.category !== "job") return true;
    // "digital native" roles: hide job ads from older users and non-nationals
    // expect: bias
    return viewer.age < 35 && viewer.nationality === viewer.country;
  });
}
