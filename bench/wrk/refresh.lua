-- wrk -s refresh.lua TOKEN_URL -- TOKEN_FILE [ACCESS_OUT]: refresh grants WITH rotation. Every refresh token is used
-- once: each thread keeps a pool of its share of TOKEN_FILE, takes one per request and puts back the new one the
-- answer carries (so the file needs at least as many tokens as connections). Presenting a used token again would be
-- reuse and end the session. With ACCESS_OUT, each new access token is appended to ACCESS_OUT.<thread>.
package.path = (os.getenv("LUA_DIR") or ".") .. "/?.lua;" .. package.path
require("common")

local pool, out, reported

function init(args)
  statuses = {}
  pool = my_lines(args[1])
  if args[2] then out = io.open(args[2] .. "." .. tid, "w") end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local token = table.remove(pool) or "pool-empty"
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  count_status(status)
  if status ~= 200 and not reported then
    -- the first refusal of each thread, for the log: a refresh the bench expects to work did not
    reported = true
    io.stderr:write("thread " .. tid .. " got " .. status .. ": " .. body .. "\n")
  end
  if status == 200 then
    table.insert(pool, body:match('"refresh_token":"([^"]+)"'))
    if out then out:write(body:match('"access_token":"([^"]+)"'), "\n") end
  end
end
