// Shop endpoints per market; some markets use internationalised domain names
module.exports = {
  us: "https://shop.example.com/api",
  // expect-not: instruction
  de: "https://bücher-laden.de/api",
  // expect-not: instruction
  jp: "https://例え.jp/api",
};
