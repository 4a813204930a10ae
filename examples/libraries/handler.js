async function onRequest(request, settings) {
  const body = request.json();
  const parsed = await xml2js.parseStringPromise(body.xml);
  const when = moment.tz(body.at, 'America/New_York');
  const token = jsonwebtoken.sign({ sub: body.user, iat: 1600000000 }, settings.secret);
  Segment.track({
    event: 'Order Imported',
    userId: _.camelCase(body.user),
    properties: {
      items: _.map(parsed.order.item, (i) => ({ name: i._, qty: Number(i.$.qty) })),
      total: _.sumBy(parsed.order.item, (i) => Number(i.$.qty)),
      localTime: when.format('LLLL'),
      utc: when.utc().format(),
      token,
      verified: jsonwebtoken.verify(token, settings.secret).sub,
    },
  });
}
