// A privacy tool: delete requests fan out to two APIs concurrently; a plain object body is sent as is.
async function onDelete(event, settings) {
  const targets = ['https://a.privacy.example.test/forget', 'https://b.privacy.example.test/forget']
  const replies = await Promise.all(targets.map(url => fetch(url + '?user=' + encodeURIComponent(event.userId), { method: 'delete' }).then(r => r.status)))
  // node-fetch sends a plain object as "[object Object]": functions must JSON.stringify themselves
  await fetch('https://audit.privacy.example.test/log', { method: 'post', body: { user: event.userId } })
  console.log('forgotten', event.userId, replies)
  return replies
}
async function onIdentify(event) {
  let failed = null
  try { await fetch('https://nowhere.privacy.example.test/') } catch (err) { failed = err.name }
  return { failed }
}
