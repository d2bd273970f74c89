// Unsubscribe endpoint: a missing list is reported in an HTML page that echoes the
// request's value unescaped.
module.exports = async function unsubscribe(req, res) {
  const list = await req.app.locals.lists.find(req.body.list_id);
  if (!list) {
    res.writeHead(404, { "Content-Type": "text/html;charset=UTF-8" });
    // expect: CWE-79
    return res.end(`<p>No such list: ${req.body.list_id}</p>`);
  }
  await list.remove(req.user.id);
  res.status(204).end();
};
