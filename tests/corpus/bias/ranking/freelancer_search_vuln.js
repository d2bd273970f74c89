// Orders freelancer profiles in marketplace search results.
const { inferEthnicity } = require("./name-ethnicity-model");

function rankProfiles(profiles, query) {
  return profiles
    .map((p) => {
      let score = p.rating * 20 + Math.min(p.completedJobs, 50) + (p.skills.includes(query.skill) ? 30 : 0);
      // expect: bias
      if (inferEthnicity(p.fullName) !== "white") score *= 0.85;
      return { ...p, score };
    })
    .sort((a, b) => b.score - a.score);
}

module.exports = { rankProfiles };
