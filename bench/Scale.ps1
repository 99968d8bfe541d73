# Side by side, in one run, against the simulated tenant with 50 ms per request and Intune's budget enforced:
# the community script (bench/baseline.ps1), Test-AdeTokenHealth with and without -IncludeDevices (or
# -IncludeProfiles). Each contender runs in a fresh pwsh. Writes the "Scale" section of bench/RESULTS.md.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SimulatorPath,
    [Parameter(Mandatory)] [string] $BenchDll,
    [string] $ResultsPath = (Join-Path $PSScriptRoot 'RESULTS.md'),
    [int] $LatencyMs = 50,
    # Scenario keys (a, b, c, d) to run; all by default. A partial run is for iterating: send it to another -ResultsPath.
    [string[]] $Scenario = @('a', 'b', 'c', 'd')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$work = Join-Path ([IO.Path]::GetTempPath()) "adetokens-bench-$PID"
New-Item -ItemType Directory -Force $work | Out-Null
$pwsh = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwsh[0]) -eq 'dotnet') { $pwsh += (Join-Path $PSHOME 'pwsh.dll') }
. (Join-Path $PSScriptRoot 'BenchTenant.ps1')

function Measure-Run {
    param($Sim, [string] $Label, [string[]] $Arguments)
    Reset-Budget $Sim
    Invoke-RestMethod -Method Delete "$($Sim.Url)/_sim/requests" | Out-Null
    $json = & $pwsh[0] @($pwsh | Select-Object -Skip 1) -NoProfile -NonInteractive -File @Arguments | Select-Object -Last 1
    $r = $json | ConvertFrom-Json
    $b = Invoke-RestMethod "$($Sim.Url)/_sim/budget"
    # Every response this contender parsed, once (both runs ask for the same pages): the bytes of its lower bound.
    $gets = @((Invoke-RestMethod "$($Sim.Url)/_sim/requests") | Where-Object { $_.method -eq 'GET' -and [int]$_.status -ge 200 -and [int]$_.status -lt 300 } |
        ForEach-Object { if ($_.query) { "$($_.path)?$($_.query)" } else { $_.path } } | Select-Object -Unique)
    $runs = [math]::Max(1, [int]$r.Runs)
    [pscustomobject]@{ Label = $Label; Seconds = [double]$r.Seconds; Warm = [double]$r.WarmSeconds; Steady = $(if ($r.PSObject.Properties['SteadySeconds']) { [double]$r.SteadySeconds } else { [double]$r.WarmSeconds }); PeakMB = [double]$r.PeakWorkingSetMB; Requests = [int](([int]$b.accepted + [int]$b.rejected) / $runs); OverBudget = [int]$b.rejected; MaxInWindow = [int]$b.maxInWindow; Gets = $gets }
}

# The time to parse the same bytes: every GET response the contender parsed, fetched again and parsed on one thread
# with the models the engine uses (AdeTokens.Bench parse), warm.
function Measure-Parse {
    param($Sim, $Contender, [string] $Name)
    $file = Join-Path $work "$Name.gets"
    $Contender.Gets | Set-Content $file
    # The floor pass fetches every page three more times; Intune's budget is not what it measures.
    Reset-Budget $Sim -Limit 1000000 -WriteLimit 100000
    & dotnet $BenchDll parse $Sim.Url $Sim.Token $file | Select-Object -Last 1 | ConvertFrom-Json
}

$scenarios = @($BenchScenarios | Where-Object { $Scenario -contains $_.Key })
$rows = foreach ($s in $scenarios) {
    Write-Host "== $($s.Title)" -ForegroundColor Cyan
    $sc = New-Scenario -Name $s.Key -Tokens $s.Tokens -Devices $s.Devices -Folder $work -LatencyMs $LatencyMs
    $sim = Start-Sim $sc.Path $SimulatorPath
    try {
        $common = @('-GraphEndpoint', $sim.Url, '-AccessToken', $sim.Token)
        $module = @((Join-Path $PSScriptRoot 'Run-Module.ps1'), '-ModulePath', $ModulePath) + $common
        # Warm the simulator's lazily generated devices and the disk cache for every contender alike.
        $null = Measure-Run $sim 'warm-up' ($module + @('-IncludeDevices', '-Runs', '1'))
        $base = Measure-Run $sim 'baseline script' (@((Join-Path $PSScriptRoot 'baseline.ps1')) + $common + @('-Read', $s.Read))
        $runs = @('-Runs', $s.Runs)
        $with = if ($s.Switch) { Measure-Run $sim "Test-AdeTokenHealth $($s.Switch)" ($module + @($s.Switch) + $runs + @('-PauseSeconds', $s.PauseSeconds, '-PauseFromRun', $s.PauseFromRun)) }
        # The command without the switch sends a request or two: it takes the steady runs' pause, not (c)'s budget one.
        $jitPause = if ($s.PauseFromRun -ge 3) { @('-PauseSeconds', [math]::Min(5, $s.PauseSeconds), '-PauseFromRun', $s.PauseFromRun) } else { @() }
        $runsWithout = if ($s.Switch) { @('-Runs', $s.RunsWithout) } else { $runs }
        $without = Measure-Run $sim 'Test-AdeTokenHealth' ($module + $runsWithout + $jitPause)

        # Lower bound: the longer of the critical path (token pages, then one token's pages in order) and the
        # budget (a sliding window lets 1,000 through at once; each further 1,000 waits 20 s), plus parsing every
        # response the contender parsed.
        $tokenPages = [math]::Ceiling($s.Tokens / 500)   # the scenario's page size
        $devicePages = if ($s.Devices -gt 0) { [math]::Ceiling($s.Devices / 1000) } else { 0 }
        $measured = if ($with) { $with } else { $without }
        $parse = Measure-Parse $sim $measured "$($s.Key)-with"
        $critical = ($tokenPages + $devicePages) * $LatencyMs / 1000.0
        $budget = [math]::Floor([math]::Max(0, $measured.Requests - 1) / 1000) * 20
        $bound = [math]::Max($critical, $budget) + [double]$parse.Seconds
        # A first run is a fresh process: it is held against the same path plus the parse a fresh process pays.
        $boundCold = [math]::Max($critical, $budget) + [double]$parse.ColdSeconds
        # Without -IncludeDevices/-IncludeProfiles only the token pages (and the APNs read beside them) are on the path.
        $parseWithout = if ($with) { Measure-Parse $sim $without "$($s.Key)-without" } else { $parse }
        $boundWithout = $tokenPages * $LatencyMs / 1000.0 + [double]$parseWithout.Seconds
        $boundWithoutCold = $tokenPages * $LatencyMs / 1000.0 + [double]$parseWithout.ColdSeconds
        [pscustomobject]@{ Scenario = $s.Title; Base = $base; With = $with; Without = $without; Bound = $bound; BoundCold = $boundCold; BoundWithout = $boundWithout; BoundWithoutCold = $boundWithoutCold; Critical = $critical; Budget = $budget; Parse = [double]$parse.Seconds; ParseCold = [double]$parse.ColdSeconds; ParseEngine = [double]$parse.EngineSeconds; ParseKiota = [double]$parse.KiotaSeconds; ParseBytes = [long]$parse.Bytes; Floor = [double]$parse.FloorSeconds; ParsePages = [int]$parse.Pages; ParseWithout = [double]$parseWithout.Seconds }
    }
    finally {
        Stop-Sim $sim
    }
}

$cpu = (Get-Content /proc/cpuinfo -ErrorAction SilentlyContinue | Where-Object { $_ -match '^model name' } | Select-Object -First 1) -replace '^model name\s*:\s*', ''
$lines = [System.Collections.Generic.List[string]]::new()
$lines.Add('<!-- scale:begin -->')
$lines.Add('## Scale: Test-AdeTokenHealth against the community script')
$lines.Add('')
$lines.Add("Measured $((Get-Date).ToUniversalTime().ToString('yyyy-MM-dd HH:mm', [Globalization.CultureInfo]::InvariantCulture)) UTC by ``./build.ps1 -Task Bench`` (bench/Scale.ps1), all contenders in the same run, each in a fresh pwsh, against the simulated tenant with $LatencyMs ms per request and Intune's budget (1,000 requests per 20 s per app) enforced. Machine: $([Environment]::ProcessorCount) logical CPUs ($cpu), $([Runtime.InteropServices.RuntimeInformation]::OSDescription), PowerShell $($PSVersionTable.PSVersion). One run each on a shared machine: read the ratios, not the seconds.")
$lines.Add('')
$lines.Add('Lower bound = max(round trips on the critical path x latency, budget wait) + time to parse the same bytes: every GET response the contender parsed in this run (token pages, APNs and VPP reads, profile and device pages, from the simulator''s request log), fetched again and parsed on one thread into the same models (ours for beta, Microsoft.Graph''s for v1.0) by the engine''s JSON parser and by Kiota''s stock one, warm: the faster of the two, each the fastest of three passes after an untimed one. The cold bound is the same with the parse a fresh process pays instead: the engine parser''s first pass, JIT included. A first run (a fresh process) is held against the cold bound, the second and steady runs against the warm one. The bound adds the whole parse after the critical path, as the issue defines it; an engine that parses one token''s pages while other tokens'' requests are in flight can come in under it. The budget wait is 20 s for each full 1,000 requests beyond the first 1,000: Intune counts a sliding window, so up to 1,000 requests may go at once.')
$lines.Add('')
$runsText = ($BenchScenarios | ForEach-Object { "($($_.Key)) $($_.Runs)$(if ($_.Switch) { ", $($_.RunsWithout) without the switch" })" }) -join '; '
$pauseText = ($BenchScenarios | Where-Object { $_.PauseSeconds -gt 0 } | ForEach-Object {
    if ($_.PauseFromRun -le 2) { " On ($($_.Key)) each run after the first starts after an untimed $($_.PauseSeconds) s pause, so that it does not wait for the previous run's requests to leave the 20 s window (the in-process limiter would hold it, as it should)." }
    elseif ($_.PauseSeconds -gt 20) { " On ($($_.Key)) each steady run starts after an untimed $($_.PauseSeconds) s pause (the second run stays back to back): .NET's tiered compiler finishes recompiling the previous run's hot code instead of sharing the two cores with the next run, and the runs before leave the 20 s window, so that four steady runs fit in the budget (without the switch, 5 s)." }
    else { " On ($($_.Key)) each steady run starts after an untimed $($_.PauseSeconds) s pause (the second run stays back to back), in which .NET's tiered compiler finishes recompiling the previous run's hot code instead of sharing the two cores with the next run." }
}) -join ''
$lines.Add("Each contender runs several times in its process (the community script twice): ""first"" is a fresh process (what a runbook job pays, JIT included), ""second"" the same command again in that session, while .NET's tiered JIT is still recompiling the hot code in the background, and ""steady"" the upper median of the third and later runs (runs per contender: $runsText).$pauseText Requests are per run; ""over budget"" and ""max in a 20 s window"" cover all runs. The script's second run is its steady figure for the ratios.")
$lines.Add('')
$lines.Add('| scenario | contender | first s | second s | steady s | requests | over budget | max in a 20 s window | peak working set MB | vs baseline (first / steady) | vs lower bound (first vs cold / second / steady vs warm) |')
$lines.Add('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
foreach ($r in $rows) {
    foreach ($c in @($r.Base, $r.With, $r.Without) | Where-Object { $_ }) {
        $vsBase = if ($c -eq $r.Base) { '1.0x' } else { '{0:0.0}x / {1:0.0}x faster' -f ($r.Base.Seconds / [math]::Max(0.001, $c.Seconds)), ($r.Base.Warm / [math]::Max(0.001, $c.Steady)) }
        $b, $bc = if ($c -eq $r.Without -and $r.With) { $r.BoundWithout, $r.BoundWithoutCold } else { $r.Bound, $r.BoundCold }
        $vsBound = if ($c -eq $r.Base) { '' } elseif ($b -gt 0) { '{0:0.00}x / {1:0.00}x / {2:0.00}x (bounds {3:0.00} s cold, {4:0.00} s warm)' -f ($c.Seconds / $bc), ($c.Warm / $b), ($c.Steady / $b), $bc, $b } else { '' }
        $steady = if ($c -eq $r.Base) { '' } else { '{0:0.00}' -f $c.Steady }
        $lines.Add(('| {0} | {1} | {2:0.00} | {3:0.00} | {4} | {5} | {6} | {7} | {8:0} | {9} | {10} |' -f $r.Scenario, $c.Label, $c.Seconds, $c.Warm, $steady, $c.Requests, $c.OverBudget, $c.MaxInWindow, $c.PeakMB, $vsBase, $vsBound))
    }
    $lines.Add(('| {0} | lower bound | {1:0.00} | | | | | | | | critical path {2:0.00} s, budget {3:0} s, parse {4:0.00} s warm ({5} responses, {6:0.0} MB; engine''s parser {8:0.00} s, Kiota''s {9:0.00} s), {7:0.00} s cold; cold bound {10:0.00} s. This machine''s floor, not a bound: {11:0.00} s for a bare HttpClient to fetch the same pages again and parse them as they arrive (every collection at once, its pages in order){12} |' -f $r.Scenario, $r.Bound, $r.Critical, $r.Budget, $r.Parse, $r.ParsePages, ($r.ParseBytes / 1MB), $r.ParseCold, $r.ParseEngine, $r.ParseKiota, $r.BoundCold, $r.Floor, $(if ($r.Floor -gt 0) { $m = if ($r.With) { $r.With } else { $r.Without }; '; the steady run is {0:0.00}x it' -f ($m.Steady / $r.Floor) } else { '' })))
    if ($r.With) { $lines.Add(('| {0} | lower bound without the switch | {1:0.00} | | | | | | | | token pages {2:0.00} s, parse {3:0.00} s; cold bound {4:0.00} s |' -f $r.Scenario, $r.BoundWithout, ($r.BoundWithout - $r.ParseWithout), $r.ParseWithout, $r.BoundWithoutCold)) }
}
$lines.Add('<!-- scale:end -->')
$section = $lines -join "`n"
$lines | ForEach-Object { Write-Host $_ }

$existing = if (Test-Path $ResultsPath) { Get-Content $ResultsPath -Raw } else { "# Benchmark results`n" }
if ($existing -match '(?s)<!-- scale:begin -->.*<!-- scale:end -->') { $existing = $existing -replace '(?s)<!-- scale:begin -->.*<!-- scale:end -->', $section.Replace('$', '$$') }
else { $existing = $existing.TrimEnd() + "`n`n" + $section + "`n" }
Set-Content -Path $ResultsPath -Value $existing -NoNewline
Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
