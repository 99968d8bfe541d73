# Serial-number lookups: Microsoft's documented $filter first, one streaming pass per token only when Graph answers
# 400 (tests/scenarios/README.md, assumption 10), and Set-AdeDeviceProfile reading each token once.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-AdeTestModulePath) -Force
    $script:sim = Start-AdeSimulator -Scenario 'remediation-devices.json'
    Connect-AdeSimulator -Simulator $sim | Out-Null
    $script:token = 'd5000000-0000-4000-8000-000000000001'
    $script:standard = 'd5000000-0000-4000-8000-0000000000a1'
    $script:kiosk = 'd5000000-0000-4000-8000-0000000000a2'

    function Get-DeviceRequest { @(Get-AdeSimRequest -Simulator $sim | Where-Object path -like '*/importedAppleDeviceIdentities') }
    function Set-FilterRefused {
        $json = (Get-Content (Join-Path $PSScriptRoot '..' 'scenarios' 'remediation-devices.json') -Raw | ConvertFrom-Json -AsHashtable)
        $json.serialFilterSupported = $false
        Invoke-RestMethod -Method Post -Uri "$($sim.Url)/_sim/scenario" -Body ($json | ConvertTo-Json -Depth 20) -ContentType 'application/json' | Out-Null
    }
}

AfterAll {
    Disconnect-AdeGraph
    Stop-AdeSimulator $script:sim
}

Describe 'Serial lookups with the documented $filter' {
    BeforeEach {
        Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json'
        Clear-AdeSimRequest -Simulator $sim
    }

    It 'Get-AdeDevice finds literal serials with one $filter request each and never lists the token' {
        $d = @(Get-AdeDevice -TokenId $token -SerialNumber 'DEVX00000001', 'devx00000002')
        $d.SerialNumber | Should -Be @('DEVX00000001', 'DEVX00000002')
        $req = Get-DeviceRequest
        $req.Count | Should -Be 2
        foreach ($r in $req) {
            [Uri]::UnescapeDataString($r.query) | Should -Match "^\??\`$filter=discoverySource eq 'deviceEnrollmentProgram' and contains\(serialNumber,'DEVX0000000[12]'\)$"
            $r.status | Should -Be 200
        }
    }

    It 'reports a serial the filter does not find as DeviceNotFound' {
        $null = Get-AdeDevice -TokenId $token -SerialNumber 'NOSUCHSERIAL' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'DeviceNotFound,*'
        (Get-DeviceRequest).Count | Should -Be 1
    }

    It 'Set-AdeDeviceProfile reads the token once for serials of two profiles' {
        $r = @(
            [pscustomobject]@{ TokenId = $token; ProfileId = $kiosk; SerialNumber = 'DEVX00000001' }
            [pscustomobject]@{ TokenId = $token; ProfileId = $standard; SerialNumber = 'DEVX00000003' }
        ) | Set-AdeDeviceProfile -PassThru -Confirm:$false
        $r.Count | Should -Be 2
        $r.Assigned | Should -Be @('DEVX00000001', 'DEVX00000003')
        $all = @(Get-AdeSimRequest -Simulator $sim)
        @($all | Where-Object { $_.method -eq 'GET' -and $_.path -eq "/beta/deviceManagement/depOnboardingSettings/$token" }).Count | Should -Be 1
        $req = Get-DeviceRequest
        $req.Count | Should -Be 2
        $req.query | ForEach-Object { $_ | Should -Match 'filter' }
    }
}

Describe 'Serial lookups when Graph refuses the filter' {
    BeforeEach {
        Set-FilterRefused
        Clear-AdeSimRequest -Simulator $sim
    }
    AfterAll { Set-AdeSimScenario -Simulator $sim -Scenario 'remediation-devices.json' }

    It 'Set-AdeDeviceProfile falls back to one pass over the token for every serial, on the first 400' {
        $serials = 'DEVX00000001', 'DEVX00000002', 'DEVX00000003'
        $r = @(
            [pscustomobject]@{ TokenId = $token; ProfileId = $kiosk; SerialNumber = $serials[0] }
            [pscustomobject]@{ TokenId = $token; ProfileId = $kiosk; SerialNumber = $serials[1] }
            [pscustomobject]@{ TokenId = $token; ProfileId = $standard; SerialNumber = $serials[2] }
        ) | Set-AdeDeviceProfile -PassThru -Confirm:$false
        ($r.Assigned | Sort-Object) | Should -Be $serials
        $req = Get-DeviceRequest
        @($req | Where-Object query -like '*filter*').Count | Should -Be 1
        @($req | Where-Object query -like '*filter*')[0].status | Should -Be 400
        # One pass: the explicit devices come first, so the first page holds them all.
        @($req | Where-Object { $_.query -notlike '*filter*' }).Count | Should -Be 1
    }

    It 'Get-AdeDevice still finds the serial by streaming' {
        (Get-AdeDevice -TokenId $token -SerialNumber 'DEVX00000002').EnrollmentState | Should -Be 'failed'
        @(Get-DeviceRequest | Where-Object query -like '*filter*').Count | Should -Be 1
    }
}
