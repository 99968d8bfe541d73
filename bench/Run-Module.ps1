# One measured run of Test-AdeTokenHealth in a fresh process. Prints one JSON line.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $GraphEndpoint,
    [Parameter(Mandatory)] [string] $AccessToken,
    [switch] $IncludeDevices,
    [switch] $IncludeProfiles,
    [int] $Runs = 2
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-AdeGraph -AccessToken (ConvertTo-SecureString $AccessToken -AsPlainText -Force) -GraphEndpoint $GraphEndpoint | Out-Null
# The first run in a fresh process pays for loading and JIT-compiling Graph, Kiota and the engine (a runbook job);
# the second is what a session that already ran it gets.
$times = foreach ($i in 1..$Runs) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $results = @(Test-AdeTokenHealth -IncludeDevices:$IncludeDevices -IncludeProfiles:$IncludeProfiles -ProgressAction SilentlyContinue)
    $sw.Elapsed.TotalSeconds
}
[pscustomobject]@{
    Seconds = @($times)[0]
    WarmSeconds = @($times)[-1]
    Runs = $Runs
    PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    Tokens = $results.Count
    Incomplete = @($results | Where-Object { $_.Findings.Code -contains 'CheckIncomplete' }).Count
} | ConvertTo-Json -Compress
