# One measured run of Test-AdeTokenHealth in a fresh process. Prints one JSON line.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $GraphEndpoint,
    [Parameter(Mandatory)] [string] $AccessToken,
    [switch] $IncludeDevices,
    [switch] $IncludeProfiles,
    [int] $Runs = 2,
    # Seconds to wait, untimed, before each run after the first: long enough (over 20 s) and a run starts with an empty
    # budget window, so it measures the warm session rather than the requests of the run before it.
    [double] $PauseSeconds = 0,
    # The first run the pause comes before: 2 for every later run; 3 to leave the second run back to back.
    [int] $PauseFromRun = 2,
    # 0: the cmdlet's default (what users get).
    [int] $ThrottleLimit = 0
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-AdeGraph -AccessToken (ConvertTo-SecureString $AccessToken -AsPlainText -Force) -GraphEndpoint $GraphEndpoint | Out-Null
$extra = @{}
if ($ThrottleLimit -gt 0) { $extra.ThrottleLimit = $ThrottleLimit }
$me = [Diagnostics.Process]::GetCurrentProcess()
# The first run in a fresh process pays for loading and JIT-compiling Graph, Kiota and the engine (a runbook job);
# the second is what a session that already ran it gets. CPU, allocation and collections are per run, so a run's
# client-side cost can be told from its waiting.
$perRun = foreach ($i in 1..$Runs) {
    if ($i -ge [math]::Max(2, $PauseFromRun) -and $PauseSeconds -gt 0) { Start-Sleep -Milliseconds ([int]($PauseSeconds * 1000)) }
    $me.Refresh()
    $cpu0 = $me.TotalProcessorTime
    $alloc0 = [GC]::GetTotalAllocatedBytes($false)
    $gc0 = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
    $pause0 = [GC]::GetTotalPauseDuration()
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $results = @(Test-AdeTokenHealth -IncludeDevices:$IncludeDevices -IncludeProfiles:$IncludeProfiles -ProgressAction SilentlyContinue @extra)
    $elapsed = $sw.Elapsed.TotalSeconds
    $me.Refresh()
    [pscustomobject]@{
        Seconds = $elapsed
        CpuSeconds = ($me.TotalProcessorTime - $cpu0).TotalSeconds
        AllocatedMB = ([GC]::GetTotalAllocatedBytes($false) - $alloc0) / 1MB
        Gen0 = [GC]::CollectionCount(0) - $gc0[0]
        Gen1 = [GC]::CollectionCount(1) - $gc0[1]
        Gen2 = [GC]::CollectionCount(2) - $gc0[2]
        GcPauseSeconds = ([GC]::GetTotalPauseDuration() - $pause0).TotalSeconds
    }
}
$perRun = @($perRun)
# Steady: runs three and later, once the tiered JIT has recompiled the hot code; the upper median, so an even count
# takes the slower of the middle two. With fewer runs, the last.
$later = @($perRun | Select-Object -Skip 2 | ForEach-Object Seconds | Sort-Object)
[pscustomobject]@{
    Seconds = $perRun[0].Seconds
    WarmSeconds = $perRun[1 % $perRun.Count].Seconds
    SteadySeconds = if ($later.Count) { $later[[int][math]::Floor($later.Count / 2)] } else { $perRun[-1].Seconds }
    Runs = $Runs
    PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    Tokens = $results.Count
    Incomplete = @($results | Where-Object { $_.Findings.Code -contains 'CheckIncomplete' }).Count
    PerRun = $perRun
} | ConvertTo-Json -Compress -Depth 4
