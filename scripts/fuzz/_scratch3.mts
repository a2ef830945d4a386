import { buildApp } from '../../mock/app';
const app = await buildApp({ clockStart: '2015-09-01T02:00:00Z' });
await app.ready();
const form = { 'content-type': 'application/x-www-form-urlencoded' };
for (const key of ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__']) {
  const r = await app.inject({ method: 'POST', url: '/message/sendValidateMessage', headers: form, payload: `phone_number=13800000009&validate_key=${key}&validate_code=abcd` });
  console.log('sendValidateMessage', key, r.statusCode, r.body.slice(0, 120));
}
// captcha with key __proto__ then an unrelated key
const g = await app.inject({ method: 'GET', url: '/imageValidate/getImageValidate?image_key=__proto__' });
console.log('getImageValidate __proto__', g.statusCode, g.headers['content-type']);
const adm = await app.inject({ method: 'GET', url: '/__mock/captchas/__proto__' });
console.log('admin captcha __proto__', adm.statusCode, adm.body.slice(0, 120));
const adm2 = await app.inject({ method: 'GET', url: '/__mock/captchas/never-issued' });
console.log('admin captcha never-issued', adm2.statusCode, adm2.body.slice(0, 120));
const r2 = await app.inject({ method: 'POST', url: '/message/sendValidateMessage', headers: form, payload: `phone_number=13800000008&validate_key=never-issued&validate_code=abcd` });
console.log('sendValidateMessage never-issued after __proto__', r2.statusCode, r2.body.slice(0, 160));
const st = await app.inject({ method: 'GET', url: '/__mock/state' });
console.log('state', st.statusCode, st.body.length);
await app.close();
