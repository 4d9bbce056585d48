-- POST a real-shaped orders_v2 notification with a fresh _id each time (no dedupe shortcut).
local counter = 0
local thread_id = 0
local template = [[{"_id":"bench-%d-%d","resource":"/orders/%d","user_id":2401234567,"topic":"orders_v2","application_id":5503910054141466,"attempts":1,"sent":"2026-11-23T12:00:00.000Z","received":"2026-11-23T12:00:00.000Z"}]]

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format(template, id, counter, 2000009876500000 + (counter % 5000))
  return wrk.format(nil, "/webhooks/meli", nil, body)
end
