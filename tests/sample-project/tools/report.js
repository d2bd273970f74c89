// Builds a PDF report for a customer with the company's wkhtmltopdf wrapper.
const { exec, execFile } = require("child_process");
const express = require("express");

const app = express();

app.get("/report", (req, res) => {
  const customer = req.query.customer;
  exec("wkhtmltopdf https://intranet/report?c=" + customer + " /tmp/report.pdf", () => {
    res.sendFile("/tmp/report.pdf");
  });
});

app.get("/report-safe", (req, res) => {
  const customer = req.query.customer;
  // Arguments as a list, no shell: safe.
  execFile("wkhtmltopdf", ["https://intranet/report?c=" + encodeURIComponent(customer), "/tmp/r.pdf"], () => {
    res.sendFile("/tmp/r.pdf");
  });
});

app.listen(8080);
