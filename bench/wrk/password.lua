-- wrk -s password.lua TOKEN_URL -- USERNAME PASSWORD: GoTrue's password grant, the same user every time.
package.path = (os.getenv("LUA_DIR") or ".") .. "/?.lua;" .. package.path
require("common")

function init(args)
  statuses = {}
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.body = "grant_type=password&username=" .. args[1] .. "&password=" .. args[2]
end

function response(status) count_status(status) end
