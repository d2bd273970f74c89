const Handlebars = require("handlebars");

// {{mention user}} renders "@name" as a profile link in chat messages
Handlebars.registerHelper("mention", (user) => {
  const id = encodeURIComponent(String(user.id));
  const name = Handlebars.escapeExpression(user.displayName);
  // expect-not: CWE-79
  return new Handlebars.SafeString(`<a href="/u/${id}" class="mention">@${name}</a>`);
});

module.exports = Handlebars;
