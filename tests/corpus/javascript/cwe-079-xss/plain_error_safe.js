// Unsubscribe endpoint: a missing list is reported as plain text, which the browser shows
// as text even when it echoes the request's value.
module.exports = async function unsubscribe(req, res) {
  const list = await req.app.locals.lists.find(req.body.list_id);
  if (!list) {
    res.writeHead(404, { "Content-Type": "text/plain;charset=UTF-8" });
    // expect-not: CWE-79
    return res.end(`No such list: ${req.body.list_id}`);
  }
  await list.remove(req.user.id);
  res.status(204).end();
};
