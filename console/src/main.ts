import { createApp } from 'vue';
import ElementPlus from 'element-plus';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import * as Icons from '@element-plus/icons-vue';
import 'element-plus/dist/index.css';
import './styles.css';
import App from './App.vue';
import { router } from './router';
import { readConfig } from './api/config';
import { connectCloudBase } from './api/cloudbase';

// Production: calls go through the CloudBase JS SDK; locally through the localcloud gateway (the default).
const config = readConfig();
if (config.mode === 'cloudbase') connectCloudBase(config.env);

const app = createApp(App);
app.use(ElementPlus, { locale: zhCn });
for (const [name, component] of Object.entries(Icons)) app.component(`Icon${name}`, component);
app.use(router);
app.mount('#app');
