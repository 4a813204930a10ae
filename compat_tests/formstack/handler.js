// Formstack submissions: identify from the email field, track the submission.
async function onRequest(request, settings) {
  const body = request.json()
  const { Email, Name } = body
  if (!Email || !Email.value) throw new ValidationError('no email in the form')
  const fields = Object.keys(body).filter(k => body[k] && typeof body[k] === 'object' && 'type' in body[k])
  console.log('formstack form', body.FormID, 'fields:', fields)
  Segment.identify({ userId: Email.value, traits: { email: Email.value, firstName: Name.value.first, lastName: Name.value.last } })
  Segment.track({ event: 'Form Submitted', userId: Email.value, properties: { formId: body.FormID, uniqueId: body.UniqueID, optIn: body.optin.value } })
}
