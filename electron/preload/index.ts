import { contextBridge, ipcRenderer } from 'electron';
import { channels, type SwarmlabApi } from '../contract/api';

const api: SwarmlabApi = {
  appInfo: () => ipcRenderer.invoke(channels.appInfo),
};

contextBridge.exposeInMainWorld('api', api);
