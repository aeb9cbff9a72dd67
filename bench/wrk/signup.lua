-- wrk -s signup.lua SIGNUP_URL -- PREFIX DOMAIN PASSWORD: GoTrue signups, each with a new address
-- (PREFIX-<thread>-<n>@DOMAIN), so every 200 is one new user.
package.path = (os.getenv("LUA_DIR") or ".") .. "/?.lua;" .. package.path
require("common")

local n, prefix, domain, password = 0

function init(args)
  statuses = {}
  prefix, domain, password = args[1], args[2], args[3]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local body = string.format('{"email":"%s-%d-%d@%s","password":"%s"}', prefix, tid, n, domain, password)
  return wrk.format(nil, nil, nil, body)
end

function response(status) count_status(status) end
