const nodemailer = require("nodemailer");

const transporter = nodemailer.createTransport({
  host: "smtp.sendgrid.net",
  port: 587,
  auth: {
    user: "apikey",
    // expect: CWE-798
    pass: "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",
  },
});

// expect: CWE-798
const JWT_SECRET = "prod-jwt-secret-do-not-share-8841";

module.exports = { transporter, JWT_SECRET };
