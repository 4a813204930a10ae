// Adyen notifications: one track per notification item; implicit globals as the template has.
async function onRequest(request, settings) {
  const body = request.json()
  for (const item of body.notificationItems) {
    eventInput = item.NotificationRequestItem
    eventOutput = { event: eventInput.eventCode.toLowerCase().replace(/_/g, ' '), success: eventInput.success === 'true' }
    console.log('adyen', eventInput.pspReference, eventOutput)
    Segment.track({
      event: eventOutput.event,
      anonymousId: eventInput.merchantReference,
      properties: { psp: eventInput.pspReference, success: eventOutput.success, reason: eventInput.reason, amount: eventInput.amount.value / 100, currency: eventInput.amount.currency, method: eventInput.paymentMethod },
      timestamp: new Date(eventInput.eventDate).toISOString()
    })
  }
}
