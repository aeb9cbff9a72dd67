-- wrk -s get.lua URL -- [HEADER VALUE]: the same GET every time, with one optional header (a cookie, a bearer token).
package.path = (os.getenv("LUA_DIR") or ".") .. "/?.lua;" .. package.path
require("common")

function init(args)
  statuses = {}
  if args[1] then wrk.headers[args[1]] = args[2] end
end

function response(status) count_status(status) end
