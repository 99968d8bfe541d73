# What the renderer tests need, installed by the tests themselves so a fresh clone (CI) has it: Debian's chromium
# (apt-get), and Microsoft's Adaptive Cards JavaScript renderer (npm, into out/, never committed).
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path
$script:AdaptiveCardsVersion = '3.0.6'
$script:ArtefactDir = Join-Path $script:RepoRoot 'out' 'test-artefacts'

function Get-AdeTestRepoRoot { $script:RepoRoot }

function Get-AdeTestArtefactPath {
    param([Parameter(Mandatory)] [string] $Name)
    New-Item -ItemType Directory -Force $script:ArtefactDir | Out-Null
    Join-Path $script:ArtefactDir $Name
}

function Invoke-AdeTestNative {
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList, [int] $TimeoutSeconds = 600, [hashtable] $Environment)
    $psi = [Diagnostics.ProcessStartInfo]::new($FilePath)
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add($a) }
    if ($Environment) { foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] } }
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.UseShellExecute = $false
    $p = [Diagnostics.Process]::Start($psi)
    $p.StandardInput.Close()
    $stdout = $p.StandardOutput.ReadToEndAsync()
    $stderr = $p.StandardError.ReadToEndAsync()
    if (-not $p.WaitForExit($TimeoutSeconds * 1000)) {
        $p.Kill($true)
        throw "$FilePath did not finish within $TimeoutSeconds s."
    }
    $p.WaitForExit()
    [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $stdout.GetAwaiter().GetResult(); StdErr = $stderr.GetAwaiter().GetResult() }
}

function Install-AdeTestChromium {
    $cmd = Get-Command chromium -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($cmd) { return $cmd.Source }
    if (-not $IsLinux -or -not (Get-Command apt-get -ErrorAction SilentlyContinue)) {
        throw 'The renderer tests need Debian''s chromium; install it (apt-get install chromium) and run them again.'
    }
    $env = @{ DEBIAN_FRONTEND = 'noninteractive' }
    $update = Invoke-AdeTestNative apt-get @('update', '-q') -Environment $env
    if ($update.ExitCode -ne 0) { throw "apt-get update failed: $($update.StdErr)" }
    $install = Invoke-AdeTestNative apt-get @('install', '-y', '-q', '--no-install-recommends', 'chromium', 'fonts-dejavu-core') -Environment $env
    if ($install.ExitCode -ne 0) { throw "apt-get install chromium failed: $($install.StdErr)" }
    (Get-Command chromium -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
}

function Install-AdeTestAdaptiveCards {
    $prefix = Join-Path $script:RepoRoot 'out' 'browser-tools' "adaptivecards-$script:AdaptiveCardsVersion"
    $js = Join-Path $prefix 'node_modules' 'adaptivecards' 'dist' 'adaptivecards.min.js'
    if (Test-Path $js) { return $js }
    New-Item -ItemType Directory -Force $prefix | Out-Null
    $npm = (Get-Command npm -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source
    $r = Invoke-AdeTestNative $npm @('install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', $prefix, "adaptivecards@$script:AdaptiveCardsVersion")
    if ($r.ExitCode -ne 0 -or -not (Test-Path $js)) { throw "npm install adaptivecards@$script:AdaptiveCardsVersion failed: $($r.StdErr)" }
    $js
}

<#
Opens a local file in headless Chromium with the flags a root test run needs, and a fresh profile each time.
-DumpDom returns the DOM after scripts ran; -Screenshot writes a PNG; -NetLog records every network event.
#>
function Invoke-AdeTestChromium {
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string] $Screenshot,
        [switch] $DumpDom,
        [string] $NetLog,
        [string] $WindowSize = '1100,1400',
        [int] $VirtualTimeBudget = 5000
    )
    # One action per run: headless Chromium aborts the page load when --screenshot and --dump-dom are combined.
    if ($Screenshot -and $DumpDom) { throw 'Give -Screenshot or -DumpDom, not both.' }
    $chromium = Install-AdeTestChromium
    $userData = Join-Path ([IO.Path]::GetTempPath()) ('ade-chromium-' + [guid]::NewGuid().ToString('n'))
    $a = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--no-first-run', '--no-default-browser-check', '--hide-scrollbars', "--user-data-dir=$userData",
        "--window-size=$WindowSize", "--virtual-time-budget=$VirtualTimeBudget")
    if ($NetLog) { $a += "--log-net-log=$NetLog"; $a += '--net-log-capture-mode=Everything' }
    if ($Screenshot) { $a += "--screenshot=$Screenshot" }
    if ($DumpDom) { $a += '--dump-dom' }
    $a += [Uri]::new((Resolve-Path $Path).Path, [UriKind]::Absolute).AbsoluteUri
    # The call operator, not Process.Start: started through .NET with redirected streams, Chromium aborts the page
    # load (net::ERR_ABORTED). coreutils' timeout bounds a hung browser.
    $errFile = "$userData.stderr"
    try {
        $stdout = & timeout 120 $chromium @a 2> $errFile
        $r = [pscustomobject]@{ ExitCode = $LASTEXITCODE; StdOut = ($stdout -join "`n"); StdErr = (Get-Content $errFile -Raw -ErrorAction SilentlyContinue) }
    }
    finally {
        Remove-Item $userData -Recurse -Force -ErrorAction SilentlyContinue
        Remove-Item $errFile -Force -ErrorAction SilentlyContinue
    }
    if ($r.ExitCode -ne 0) { throw "chromium exited with $($r.ExitCode): $($r.StdErr)" }
    if ($Screenshot -and -not (Test-Path $Screenshot)) { throw "chromium wrote no screenshot: $($r.StdErr)" }
    $r.StdOut
}

<#
Every URL the page asked for, from a Chromium net log: the requests whose initiator is an origin (a file:// page's
is "null"). The browser's own background requests (update checks, account lookups) have none ("not an origin"),
so they are left out; file: and data: loads are the page itself.
#>
function Get-AdeTestNetLogRequest {
    param([Parameter(Mandatory)] [string] $NetLog)
    $text = (Get-Content $NetLog -Raw).TrimEnd()
    # Chromium leaves the file unterminated when it exits before flushing the closing brackets.
    if (-not $text.EndsWith('}')) { $text = $text.TrimEnd(',') + ']}' }
    $log = $text | ConvertFrom-Json -AsHashtable -Depth 100
    $start = $log.constants.logEventTypes['URL_REQUEST_START_JOB']
    if ($null -eq $start) { throw "The net log $NetLog has no URL_REQUEST_START_JOB event type." }
    @($log.events | Where-Object { $_.type -eq $start -and $_.params -and $_.params.url -and $_.params.initiator -ne 'not an origin' } |
        ForEach-Object { $_.params.url } | Where-Object { $_ -notmatch '^(file|data|about|blob):' } | Sort-Object -Unique)
}

<#
Writes a page that parses and renders one Adaptive Card with Microsoft's renderer (npm adaptivecards, inlined so the
page loads nothing), for the schema version the card declares. The page puts what the renderer said into
<pre id="result"> as JSON: parse events, validation failures, the rendered text.
#>
function New-AdeTestCardPage {
    param([Parameter(Mandatory)] [string] $CardJson, [Parameter(Mandatory)] [string] $Path)
    $js = Install-AdeTestAdaptiveCards
    $lib = (Get-Content $js -Raw) -replace '</script', '<\/script'
    $css = Get-Content (Join-Path (Split-Path $js) 'adaptivecards.css') -Raw
    $payload = $CardJson -replace '</', '<\/'
    $page = @"
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Adaptive Card</title>
<style>body{margin:0;padding:16px;background:#f5f5f5;font-family:'Segoe UI',Helvetica,Arial,sans-serif}#host{max-width:600px;background:#fff;border:1px solid #e0e0e0;border-radius:6px;overflow:hidden}$css</style>
<script>$lib</script></head>
<body><div id="host"></div><pre id="result" style="display:none"></pre>
<script>
(function () {
  var out;
  try {
    var AC = AdaptiveCards, payload = $payload;
    var declared = AC.Version.parse(payload.version, new AC.SerializationContext());
    var ctx = new AC.SerializationContext(declared);
    var card = new AC.AdaptiveCard();
    card.parse(payload, ctx);
    var events = [];
    for (var i = 0; i < ctx.eventCount; i++) { var e = ctx.getEventAt(i); events.push({ phase: e.phase, event: e.event, message: e.message }); }
    var failures = card.validateProperties().validationEvents.map(function (e) { return { phase: e.phase, event: e.event, message: e.message }; });
    var el = card.render();
    if (el) { document.getElementById('host').appendChild(el); }
    out = { declared: payload.version, parsedAs: declared ? declared.toString() : null, rendererLatest: AC.Versions.latest.toString(),
            events: events, failures: failures, rendered: !!el, text: el ? el.innerText : '' };
  } catch (x) { out = { exception: String(x && x.stack || x) }; }
  document.getElementById('result').textContent = JSON.stringify(out);
})();
</script></body></html>
"@
    Set-Content -Path $Path -Value $page -Encoding utf8
    $Path
}

<# Renders a card page and returns what the renderer reported (see New-AdeTestCardPage). #>
function Get-AdeTestCardVerdict {
    param([Parameter(Mandatory)] [string] $Path)
    $dom = Invoke-AdeTestChromium -Path $Path -DumpDom
    $m = [regex]::Match($dom, '<pre id="result"[^>]*>(?<j>.*?)</pre>', 'Singleline')
    if (-not $m.Success) { throw "The card page produced no result: $dom" }
    [System.Net.WebUtility]::HtmlDecode($m.Groups['j'].Value) | ConvertFrom-Json
}

Export-ModuleMember -Function New-AdeTestCardPage, Get-AdeTestCardVerdict, Get-AdeTestRepoRoot, Get-AdeTestArtefactPath, Install-AdeTestChromium, Install-AdeTestAdaptiveCards, Invoke-AdeTestChromium, Get-AdeTestNetLogRequest
