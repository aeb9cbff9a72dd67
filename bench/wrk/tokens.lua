-- wrk -s tokens.lua URL -- TOKEN_FILE: GETs that cycle through many access tokens as nf_jwt cookies (one session
-- each), to measure what the server keeps per session.
package.path = (os.getenv("LUA_DIR") or ".") .. "/?.lua;" .. package.path
require("common")

local reqs, i = {}, 0

function init(args)
  statuses = {}
  for _, token in ipairs(my_lines(args[1])) do
    wrk.headers["Cookie"] = "nf_jwt=" .. token
    table.insert(reqs, wrk.format())
  end
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status) count_status(status) end
