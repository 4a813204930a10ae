// SurveyMonkey: a completed response becomes a track call.
async function onRequest(request, settings) {
  const { event_type, resources, event_datetime, name } = request.json()
  if (event_type !== 'response_completed') throw new EventNotSupported(`${event_type} not supported`)
  console.log(`${name} by respondent ${resources.respondent_id}`)
  Segment.track({ event: 'Survey Completed', userId: resources.user_id, properties: { survey: resources.survey_id, respondent: resources.respondent_id, collector: resources.collector_id }, timestamp: event_datetime })
}
