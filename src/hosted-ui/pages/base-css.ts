/**
 * The hosted UI's own stylesheet (served from /ui-assets/hosted-ui.css): a centred card that fills small
 * screens, large touch targets, visible focus, and the `*-customizable` classes customers may restyle (their
 * stylesheet is linked after this one, so it wins).
 */
export const BASE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2933}
body{margin:0;min-height:100vh;background-color:#f4f6f8}
.banner-customizable{display:flex;justify-content:center;padding:24px 16px 8px}
.logo-customizable{max-width:100%;max-height:178px;width:auto;height:auto}
.card{max-width:420px;margin:0 auto 48px;padding:24px;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:480px){.card{margin:0;border-radius:0;box-shadow:none;min-height:100vh}}
h1{font-size:1.5rem;margin:0 0 16px}
.field{margin:0 0 16px}
.label-customizable{display:block;font-weight:600;margin-bottom:4px;color:#1f2933}
.inputField-customizable{display:block;width:100%;height:44px;padding:8px 12px;font-size:1rem;color:#1f2933;background-color:#fff;border:1px solid #9aa5b1;border-radius:4px}
.inputField-customizable:focus{border-color:#1d4ed8;outline:2px solid #93c5fd}
.submitButton-customizable{display:block;width:100%;height:44px;margin:8px 0 16px;font-size:1rem;font-weight:600;color:#fff;background-color:#1d4ed8;border:0;border-radius:4px;cursor:pointer}
.submitButton-customizable:hover{background-color:#1e40af}
.submitButton-customizable:focus-visible,.redirect-customizable:focus-visible{outline:3px solid #93c5fd;outline-offset:2px}
.errorMessage-customizable{margin:0 0 16px;padding:12px;color:#991b1b;background-color:#fef2f2;border:1px solid #fca5a5;border-radius:4px}
.textDescription-customizable{color:#3e4c59;margin:0 0 16px}
.notice{color:#065f46;background-color:#ecfdf5;border:1px solid #6ee7b7;border-radius:4px;padding:12px}
.redirect-customizable{color:#1d4ed8}
.linkButton{background:none;border:0;padding:0;font-size:1rem;text-decoration:underline;cursor:pointer}
.links{margin:8px 0}
.legalText-customizable{font-size:.875rem;color:#52606d}
fieldset{border:0;padding:0;margin:0}
legend{margin-bottom:8px}
.choice{display:flex;align-items:center;gap:8px;margin:0 0 12px}
.choice input{width:20px;height:20px}
.qr{display:block;margin:0 auto 16px;image-rendering:pixelated}
code{font-size:.95rem;word-break:break-all}
`;
