import { stopBackgroundWork } from './bootstrap';

const destroy = () => {
  stopBackgroundWork();
};

export default destroy;
