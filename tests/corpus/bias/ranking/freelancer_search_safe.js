// Orders freelancer profiles in marketplace search results.
function rankProfiles(profiles, query) {
  return profiles
    .map((p) => {
      // expect-not: bias
      let score = p.rating * 20 + Math.min(p.completedJobs, 50) + (p.skills.includes(query.skill) ? 30 : 0);
      if (query.language && p.languages.includes(query.language)) score += 15;
      return { ...p, score };
    })
    .sort((a, b) => b.score - a.score);
}

module.exports = { rankProfiles };
