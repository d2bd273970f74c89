const nodemailer = require("nodemailer");

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`missing environment variable ${name}`);
  return value;
}

const transporter = nodemailer.createTransport({
  host: "smtp.sendgrid.net",
  port: 587,
  auth: {
    user: "apikey",
    // expect-not: CWE-798
    pass: required("SENDGRID_API_KEY"),
  },
});

// expect-not: CWE-798
const JWT_SECRET = required("JWT_SECRET");

module.exports = { transporter, JWT_SECRET };
