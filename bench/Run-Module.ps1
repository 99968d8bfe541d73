# One measured run of Test-AdeTokenHealth in a fresh process. Prints one JSON line.
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $GraphEndpoint,
    [Parameter(Mandatory)] [string] $AccessToken,
    [switch] $IncludeDevices,
    [switch] $IncludeProfiles
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
Connect-AdeGraph -AccessToken (ConvertTo-SecureString $AccessToken -AsPlainText -Force) -GraphEndpoint $GraphEndpoint | Out-Null
$sw = [Diagnostics.Stopwatch]::StartNew()
$results = @(Test-AdeTokenHealth -IncludeDevices:$IncludeDevices -IncludeProfiles:$IncludeProfiles -ProgressAction SilentlyContinue)
$sw.Stop()
[pscustomobject]@{
    Seconds = $sw.Elapsed.TotalSeconds
    PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
    Tokens = $results.Count
    Incomplete = @($results | Where-Object { $_.Findings.Code -contains 'CheckIncomplete' }).Count
} | ConvertTo-Json -Compress
