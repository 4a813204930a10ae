// Typeform responses: the email answer identifies the respondent; answers become properties.
async function onRequest(request, settings) {
  const { form_response: response } = request.json()
  const answers = {}
  let email
  for (const answer of response.answers) {
    const value = answer[answer.type]
    if (answer.type === 'email') email = value
    answers[answer.field.id] = typeof value === 'object' && value !== null ? (value.label || value.labels || JSON.stringify(value)) : value
  }
  console.log('typeform', response.form_id, Object.keys(answers).length, 'answers', String(response.calculated.score))
  Segment.identify({ userId: email, traits: { email } })
  Segment.track({ event: 'Form Submitted', userId: email, properties: { form: response.definition.title, score: response.calculated.score, ...answers }, timestamp: response.submitted_at })
}
