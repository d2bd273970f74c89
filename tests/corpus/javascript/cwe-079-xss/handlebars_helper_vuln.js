const Handlebars = require("handlebars");

// {{mention user}} renders "@name" as a profile link in chat messages
Handlebars.registerHelper("mention", (user) => {
  // SafeString tells Handlebars not to escape; the display name is user-chosen
  // expect: CWE-79
  return new Handlebars.SafeString(`<a href="/u/${user.id}" class="mention">@${user.displayName}</a>`);
});

module.exports = Handlebars;
