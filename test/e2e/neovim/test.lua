-- Headless Neovim (Debian 0.7.2) against `dockwarden-language-server --stdio`:
-- diagnostics arrive with UTF-16 columns on a line with Japanese text and an emoji (surrogate pair),
-- and a quick fix is applied and written to disk.
-- Usage: DW_SERVER=/abs/bin/dockwarden-language-server.js DW_FILE=/abs/docker-compose.yml DW_OUT=/abs/dir \
--        nvim --headless --clean -n -i NONE -u test.lua </dev/null
-- Exit status: 0 pass, 1 assertion failed, 2 timeout, 3 server died / LSP error.
local uv = vim.loop
local T0 = uv.hrtime()
local function ms() return math.floor((uv.hrtime() - T0) / 1e6) end

local SERVER = assert(os.getenv('DW_SERVER'), 'DW_SERVER not set')
local FILE   = assert(os.getenv('DW_FILE'), 'DW_FILE not set')
local OUT    = assert(os.getenv('DW_OUT'), 'DW_OUT not set')
local STEP_TIMEOUT  = tonumber(os.getenv('DW_STEP_TIMEOUT_MS') or '15000')
local TOTAL_TIMEOUT = tonumber(os.getenv('DW_TOTAL_TIMEOUT_MS') or '45000')

local function write_file(path, s) local f = assert(io.open(path, 'w')); f:write(s); f:close() end
local function read_file(path)
  local f = io.open(path, 'r'); if not f then return nil end
  local s = f:read('*a'); f:close(); return s
end

local timings, client_id, finished = {}, nil, false
local function mark(name) timings[#timings + 1] = { step = name, ms = ms() } end

local function finish(code, msg)
  if finished then return end
  finished = true
  mark('finish')
  write_file(OUT .. '/result.json', vim.json.encode({ code = code, msg = msg or 'ok', timings = timings }))
  io.stderr:write(string.format('[nvim] %s (exit %d) after %d ms\n', msg or 'ok', code, ms()))
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  if client then
    client.stop()
    vim.wait(2000, function() return client.is_stopped() end, 20)
    if not client.is_stopped() then client.stop(true) end
  end
  vim.cmd('cquit ' .. code)
end
local function fail(code, msg) finish(code, 'FAIL: ' .. msg) end

local watchdog = uv.new_timer()
watchdog:start(TOTAL_TIMEOUT, 0, vim.schedule_wrap(function() fail(2, 'global timeout ' .. TOTAL_TIMEOUT .. ' ms') end))

local function wait_for(what, pred)
  local ok = vim.wait(STEP_TIMEOUT, function() return finished or pred() end, 10)
  if finished then return false end
  if not ok then fail(2, 'timeout waiting for ' .. what); return false end
  mark(what)
  return true
end

-- UTF-16 column of the 0-based byte offset `b` in `line`.
local function utf16(line, b) local _, u16 = vim.str_utfindex(line, b); return u16 end

local function find_diag(diags, id, line)
  for _, d in ipairs(diags) do
    if d.code == id and d.range.start.line == line then return d end
  end
end

local ok, err = xpcall(function()
  local published = {}
  client_id = vim.lsp.start_client({
    name = 'dockwarden',
    cmd = { 'node', SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(FILE, ':h'),
    get_language_id = function() return 'dockercompose' end,
    flags = { debounce_text_changes = 0, exit_timeout = 1000 },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        published[#published + 1] = result
        return vim.lsp.handlers['textDocument/publishDiagnostics'](e, result, ctx, config)
      end,
    },
    on_exit = function(code, signal)
      if not finished then
        vim.schedule(function() fail(3, ('server exited early code=%s signal=%s'):format(code, signal)) end)
      end
    end,
    on_error = function(code, e)
      vim.schedule(function() fail(3, 'rpc error ' .. tostring(vim.lsp.rpc.client_errors[code]) .. ' ' .. vim.inspect(e)) end)
    end,
  })
  if not client_id then return fail(3, 'start_client returned nil') end
  local client = vim.lsp.get_client_by_id(client_id)
  if not wait_for('initialized', function() return client.initialized == true end) then return end

  vim.cmd('edit ' .. vim.fn.fnameescape(FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

  -- Line 3 (0-based): the flow sequence whose second item comes after "データ🐳" (a surrogate pair).
  local FLOW, BLOCK = 3, 7
  local last = function() return published[#published] end
  if not wait_for('diagnostics', function()
    local p = last()
    return p and p.uri == uri and find_diag(p.diagnostics, 'docker-socket-mount', FLOW)
      and find_diag(p.diagnostics, 'docker-socket-mount', BLOCK)
  end) then return end
  local diags = last().diagnostics
  write_file(OUT .. '/diagnostics.json', vim.json.encode(diags))

  local flow = find_diag(diags, 'docker-socket-mount', FLOW)
  local text = lines[FLOW + 1]
  local qs = text:find('"/var/run/docker.sock', 1, true) - 1                  -- byte offset of the opening quote
  -- Read the range back as UTF-16 offsets: it must cover exactly the item, with or without its quotes.
  -- (Byte or code-point columns would land elsewhere on this line: "データ🐳" precedes the item.)
  local okb, bs = pcall(vim.str_byteindex, text, flow.range.start.character, true)
  local oke, be = pcall(vim.str_byteindex, text, flow.range['end'].character, true)
  local covered = (okb and oke) and text:sub(bs + 1, be) or '<out of range>'
  local item = '/var/run/docker.sock:/var/run/docker.sock'
  if flow.range.start.line ~= FLOW or flow.range['end'].line ~= FLOW
      or (covered ~= item and covered ~= '"' .. item .. '"') then
    return fail(1, ('wrong UTF-16 range on line %d: %s covers %q; the item starts at UTF-16 column %d (byte %d)')
      :format(FLOW, vim.json.encode(flow.range), covered, utf16(text, qs), qs))
  end
  mark('utf16-columns-ok')

  -- Quick fix for the block-style mount on line 7 (followed by a comment with Japanese text and an emoji).
  local block = find_diag(diags, 'docker-socket-mount', BLOCK)
  local actions, ca_err
  client.request('textDocument/codeAction', {
    textDocument = { uri = uri },
    range = block.range,
    context = { diagnostics = { block }, only = { 'quickfix' } },
  }, function(e, result) ca_err = e or false; actions = result end, bufnr)
  if not wait_for('codeAction', function() return ca_err ~= nil end) then return end
  if ca_err then return fail(3, 'codeAction error: ' .. vim.inspect(ca_err)) end
  write_file(OUT .. '/codeactions.json', vim.json.encode(actions or vim.NIL))
  local fix
  for _, a in ipairs(actions or {}) do
    if a.edit and not tostring(a.title):lower():find('ignore', 1, true) then fix = a; break end
  end
  if not fix then return fail(1, 'no quick fix with an edit: ' .. vim.inspect(actions)) end

  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
  vim.api.nvim_buf_call(bufnr, function() vim.cmd('silent write') end)
  mark('applied+written')

  local n_before = #published
  if not wait_for('diagnostics after the fix', function()
    return #published > n_before and not find_diag(last().diagnostics, 'docker-socket-mount', BLOCK)
  end) then return end

  local after = read_file(FILE) or ''
  write_file(OUT .. '/after.yml', after)
  if after:find('# 日本語🐳', 1, true) then return fail(1, 'the mount line is still there:\n' .. after) end
  if not after:find('      - ./ログ:/logs', 1, true) then return fail(1, 'the other mount was touched:\n' .. after) end
  if not after:find(text, 1, true) then return fail(1, 'the flow line was touched:\n' .. after) end
  if not after:find('  web:   # ウェブ🐳', 1, true) then return fail(1, 'the comment was touched:\n' .. after) end
  finish(0, 'PASS')
end, debug.traceback)

if not ok then vim.schedule(function() fail(1, 'lua error: ' .. tostring(err)) end) end
