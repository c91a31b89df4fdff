-- wrk script: one fixed request per call. METHOD, BODY_FILE and TOKEN come from the environment.
local method = os.getenv("METHOD") or "GET"
wrk.method = method
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "r"))
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
local token = os.getenv("TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
