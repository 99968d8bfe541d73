# Shared by the Pester files: start and stop the simulated tenant, mint tokens, read its request log.
$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path

function Get-AdeTestModulePath {
    if ($env:ADETOKENS_TEST_MODULE) { return $env:ADETOKENS_TEST_MODULE }
    $manifest = Import-PowerShellDataFile (Join-Path $script:RepoRoot 'AdeTokens.psd1')
    return Join-Path $script:RepoRoot 'out' 'AdeTokens' $manifest.ModuleVersion 'AdeTokens.psd1'
}

function Start-AdeSimulator {
    param([Parameter(Mandatory)] [string] $Scenario)
    $dll = Join-Path $script:RepoRoot 'tests/AdeTokens.Simulator/bin/Release/net10.0/AdeTokens.Simulator.dll'
    if (-not (Test-Path $dll)) { throw "Simulator not built: $dll" }
    $psi = [Diagnostics.ProcessStartInfo]::new('dotnet')
    $psi.ArgumentList.Add($dll)
    $psi.ArgumentList.Add('--scenario')
    $psi.ArgumentList.Add((Join-Path $script:RepoRoot 'tests/scenarios' $Scenario))
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($psi)
    $url = $process.StandardOutput.ReadLine()
    $header = $process.StandardOutput.ReadLine()
    if ($url -notmatch '^http://127\.0\.0\.1:\d+$') {
        $process.Kill()
        throw "Simulator did not start: $url $($process.StandardError.ReadToEnd())"
    }
    [pscustomobject]@{
        Process        = $process
        Url            = $url
        IdentityHeader = ($header -replace '^IDENTITY_HEADER=', '')
    }
}

function Stop-AdeSimulator {
    param($Simulator)
    if (-not $Simulator) { return }
    try { $Simulator.Process.StandardInput.Close() } catch { }
    if (-not $Simulator.Process.WaitForExit(5000)) { $Simulator.Process.Kill($true) }
}

function New-AdeSimToken {
    param([Parameter(Mandatory)] $Simulator, [string[]] $Roles = @('DeviceManagementServiceConfig.Read.All'), [string] $Scp)
    $body = if ($Scp) { @{ scp = $Scp } } else { @{ roles = @($Roles) } }
    (Invoke-RestMethod -Method Post -Uri "$($Simulator.Url)/_sim/token" -Body ($body | ConvertTo-Json) -ContentType 'application/json').access_token
}

function Connect-AdeSimulator {
    param([Parameter(Mandatory)] $Simulator, [string[]] $Roles = @('DeviceManagementServiceConfig.ReadWrite.All'))
    $token = New-AdeSimToken -Simulator $Simulator -Roles $Roles
    Connect-AdeGraph -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -GraphEndpoint $Simulator.Url
}

function Get-AdeSimRequest {
    param([Parameter(Mandatory)] $Simulator)
    # Invoke-RestMethod emits a JSON array as one object; unroll it so callers can filter entries.
    (Invoke-RestMethod -Uri "$($Simulator.Url)/_sim/requests") | ForEach-Object { $_ }
}

function Clear-AdeSimRequest {
    param([Parameter(Mandatory)] $Simulator)
    Invoke-RestMethod -Method Delete -Uri "$($Simulator.Url)/_sim/requests" | Out-Null
}

function Set-AdeSimFault {
    param([Parameter(Mandatory)] $Simulator, [hashtable] $Faults)
    if ($Faults) {
        Invoke-RestMethod -Method Put -Uri "$($Simulator.Url)/_sim/faults" -Body ($Faults | ConvertTo-Json -Depth 5) -ContentType 'application/json' | Out-Null
    }
    else {
        Invoke-RestMethod -Method Delete -Uri "$($Simulator.Url)/_sim/faults" | Out-Null
    }
}

function Set-AdeSimScenario {
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)] [string] $Scenario)
    $json = Get-Content (Join-Path $script:RepoRoot 'tests/scenarios' $Scenario) -Raw
    Invoke-RestMethod -Method Post -Uri "$($Simulator.Url)/_sim/scenario" -Body $json -ContentType 'application/json' | Out-Null
}

# The webhook sink and the sendMail record (see tests/scenarios/README.md, "Alert sinks").
function Get-AdeSimWebhook {
    param([Parameter(Mandatory)] $Simulator)
    (Invoke-RestMethod -Uri "$($Simulator.Url)/_sim/webhooks") | ForEach-Object { $_ }
}

function Clear-AdeSimWebhook {
    param([Parameter(Mandatory)] $Simulator)
    Invoke-RestMethod -Method Delete -Uri "$($Simulator.Url)/_sim/webhooks" | Out-Null
}

function Set-AdeSimWebhookFault {
    param([Parameter(Mandatory)] $Simulator, [Parameter(Mandatory)] [int] $Status, [int] $Count = 1, [Nullable[int]] $RetryAfterSeconds)
    $body = @{ status = $Status; count = $Count }
    if ($null -ne $RetryAfterSeconds) { $body.retryAfterSeconds = $RetryAfterSeconds }
    Invoke-RestMethod -Method Put -Uri "$($Simulator.Url)/_sim/webhooks/fault" -Body ($body | ConvertTo-Json) -ContentType 'application/json' | Out-Null
}

function Get-AdeSimMail {
    param([Parameter(Mandatory)] $Simulator)
    (Invoke-RestMethod -Uri "$($Simulator.Url)/_sim/mail") | ForEach-Object { $_ }
}

function Clear-AdeSimMail {
    param([Parameter(Mandatory)] $Simulator)
    Invoke-RestMethod -Method Delete -Uri "$($Simulator.Url)/_sim/mail" | Out-Null
}

Export-ModuleMember -Function *-Ade*
